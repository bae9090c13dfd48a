"use client";
import { useRouter } from "next/navigation";

export function JoinByCodeForm({ initial = "" }: { initial?: string }) {
  const router = useRouter();
  return (
    <form
      className="mt-3 flex gap-2"
      onSubmit={(e) => {
        e.preventDefault();
        const code = String(new FormData(e.currentTarget).get("code") ?? "").trim().toUpperCase();
        if (code) router.push(`/join/${encodeURIComponent(code)}`);
      }}
    >
      <label className="sr-only" htmlFor="join-code-input">Join code</label>
      <input id="join-code-input" name="code" defaultValue={initial} className="field font-mono uppercase tracking-widest" placeholder="JOIN CODE" required />
      <button className="btn-secondary" type="submit">Continue</button>
    </form>
  );
}
