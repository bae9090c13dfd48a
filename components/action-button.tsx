"use client";
import type { Method } from "./send-json";
import { useSubmit } from "./use-submit";
import { useAfterWrite } from "./after-write";

/** A button that sends one request and shows the server's refusal next to it. */
export function ActionButton(props: {
  url: string;
  method?: Method;
  body?: unknown;
  label: string;
  confirm?: string;
  variant?: "primary" | "secondary" | "danger";
}) {
  const afterWrite = useAfterWrite();
  const { pending, error, send } = useSubmit();
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
          const sent = await send(props.url, props.method ?? "POST", props.body ?? {});
          if (sent.ok) afterWrite();
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
