"use client";
import { useState } from "react";
import { sendJson } from "./send-json";
import { useAfterWrite } from "./after-write";

/** A button that sends one request and shows the server's refusal next to it. */
export function ActionButton(props: {
  url: string;
  method?: "POST" | "PUT" | "PATCH" | "DELETE";
  body?: unknown;
  label: string;
  confirm?: string;
  variant?: "primary" | "secondary" | "danger";
}) {
  const afterWrite = useAfterWrite();
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const look =
    props.variant === "primary" ? "btn-primary" : props.variant === "danger" ? "btn border border-red-300 bg-white text-red-700 hover:bg-red-50" : "btn-secondary";
  return (
    <span className="inline-flex flex-col gap-1">
      <button
        type="button"
        className={look}
        disabled={pending}
        onClick={async () => {
          if (props.confirm && !window.confirm(props.confirm)) return;
          setPending(true);
          setError(null);
          const sent = await sendJson(props.url, props.method ?? "POST", props.body ?? {});
          setPending(false);
          if (!sent.ok) setError(sent.error);
          else afterWrite();
        }}
      >
        {props.label}
      </button>
      {error && (
        <span role="alert" className="text-xs text-red-700">
          {error}
        </span>
      )}
    </span>
  );
}
