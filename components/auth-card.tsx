import { CampLegend } from "./camp-badge";

export function AuthCard(props: { title: string; subtitle: string; footer: React.ReactNode; children: React.ReactNode }) {
  return (
    <div className="mx-auto grid max-w-4xl items-center gap-10 py-6 md:grid-cols-2">
      <section aria-label="About Concord" className="hidden md:block">
        <p className="text-sm font-semibold uppercase tracking-widest text-accent">Concord</p>
        <h2 className="mt-3 font-serif text-3xl leading-tight font-semibold">
          Find the measures both camps can accept.
        </h2>
        <p className="mt-4 text-stone-600">
          Every position is counted overall and per camp, so a forum sees at a glance where Internet
          Freedom and Cyber Sovereignty meet — and where they still divide.
        </p>
        <div className="mt-6">
          <CampLegend />
        </div>
      </section>
      <section className="card p-8">
        <h1 className="font-serif text-2xl font-semibold">{props.title}</h1>
        <p className="mt-1 mb-6 text-sm text-stone-600">{props.subtitle}</p>
        {props.children}
        <p className="mt-6 text-center text-sm text-stone-600">{props.footer}</p>
      </section>
    </div>
  );
}
