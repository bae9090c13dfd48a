import Link from "next/link";

export default function NotFound() {
  return (
    <div className="card mx-auto max-w-md p-8 text-center">
      <p className="text-sm font-semibold uppercase tracking-widest text-stone-500">404</p>
      <h1 className="mt-2 font-serif text-2xl font-semibold">Not found</h1>
      <p className="mt-2 text-sm text-stone-600">
        This page does not exist, or it belongs to a forum you are not a member of. Ask the chair for the join code.
      </p>
      <Link className="btn-primary mt-6" href="/">Back to your forums</Link>
    </div>
  );
}
