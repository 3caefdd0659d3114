// Writes tests/fixtures/delivery/: a letter released three times with `npm run release` (as a real one
// is), 1,000+ dated signatories in four batches (batch-<n>.yaml is recorded by version n; batch-4 by no
// release yet), one withdrawal made with `npm run withdraw`, updates in English and French with two
// deliveries, and their packs recorded with `npm run release -- appeal --edition`. Seeded: every run
// writes the same files. Regenerate (after a change that alters the records) with
//   rm -rf tests/fixtures/delivery && OPEN_LETTERS_TEST_SPAWN=1 npx tsx tests/helpers/delivery-fixture.ts
// and commit the result. tests/delivery-pack.test.ts computes what it expects from these files.
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { stringify } from "yaml";
import { random } from "./large-letter.ts";
import { fixture, runScript } from "./site.ts";

export const DELIVERY = {
  root: fixture("delivery"),
  slug: "appeal",
  releases: ["2024-02-01", "2024-04-01", "2024-06-01"],
  /** Each batch's signing days (inclusive) and size; batch n is first recorded by version n. */
  batches: [
    { from: "2024-01-05", to: "2024-01-31", size: 300 },
    { from: "2024-02-02", to: "2024-03-30", size: 330 },
    { from: "2024-04-02", to: "2024-05-30", size: 330 },
    { from: "2024-06-02", to: "2024-06-20", size: 60 },
  ],
  deliveries: ["2024-03-01-delivered", "2024-06-10-delivered"],
  withdrawn: { name: "Wilhelmina Zzyzxwithdrawn", signed: "2024-01-15", withdrawn: "2024-05-02" },
  /** Words only version n's text has. */
  texts: ["We call on you to keep the internet open.", "We call on you to keep the internet open and free.", "We call on you to keep the internet open, free and secure."],
};

const FIRST = ["Anna", "Ben", "Chloé", "Dmitri", "Eva", "François", "Grete", "Hanna", "Ines", "João", "Katarzyna", "Lars", "María", "Nils", "Oğuz", "Pia", "Quentin", "Rosa", "Søren", "Tomáš", "Ulla", "Vera", "Willem", "Yusuf", "Zoë"];
const LAST = ["Müller", "Dubois", "Janssens", "Nowak", "García", "Rossi", "Jensen", "Novák", "Peeters", "Smith", "Kowalski", "Martin", "Silva", "de Vries", "Öztürk", "Horvath", "O'Brien", "Andersson", "Virtanen", "Costa", "Schmidt", "Lefebvre", "Maes", "Wouters", "Claes", "Ivanova", "Byrne", "Fischer", "Moreau", "Bakker", "Lindqvist", "Kovač", "Nagy", "Popescu", "Sørensen", "Weber", "Roux", "Hansen", "Mertens", "Dupont", "Gallo"];
const COUNTRIES = ["BE", "BE", "BE", "FR", "FR", "DE", "NL", "NL", "US", "GB", "PT", "ES", "IT", "PL", "AT", "SE", "IE", "JP"];

const DAY = 86_400_000;
const iso = (t: number) => new Date(t).toISOString().slice(0, 10);

function letterText(version: number): string {
  return `---
title: Keep the internet open
date: ${DELIVERY.releases[0]}
to:
  - The Council of Ministers
salutation: Dear Ministers,
summary: An appeal to keep the internet open.
signatories:
  heading: Signatories
  note: Affiliations for identification only.
---

${DELIVERY.texts[version - 1]}

Version ${version} of this appeal.
`;
}

function frenchText(version: number): string {
  return `---
title: Gardons l’internet ouvert
to:
  - Le Conseil des ministres
salutation: Mesdames et Messieurs les Ministres,
follows: ${version}
signatories:
  heading: Signataires
---

Nous vous appelons à garder l’internet ouvert (version ${version}).
`;
}

async function release(root: string, args: string[]): Promise<void> {
  const result = await runScript("release.ts", ["appeal", "--root", root, ...args]);
  if (result.code !== 0) throw new Error(`release ${args.join(" ")} failed:\n${result.stdout}\n${result.stderr}`);
  console.log(result.stdout.trim());
}

export async function writeDeliveryFixture(root = DELIVERY.root): Promise<void> {
  const dir = join(root, "letters", DELIVERY.slug);
  await mkdir(join(dir, "signatories"), { recursive: true });
  await mkdir(join(dir, "updates"), { recursive: true });
  await writeFile(join(root, "letters/site.yaml"), "title: Delivery fixture\nurl: https://letters.example.org\nlang: en\nrepository: https://github.com/example/letters\n");
  const next = random(17);
  let person = 0;
  const batch = async (n: number) => {
    const { from, to, size } = DELIVERY.batches[n - 1]!;
    const start = Date.parse(from);
    const span = (Date.parse(to) - start) / DAY;
    const entries: Record<string, unknown>[] = [];
    for (let i = 0; i < size; i++, person++) {
      const organisation = next() < 0.12;
      const country = next() < 0.07 ? undefined : COUNTRIES[Math.floor(next() * COUNTRIES.length)];
      const signed = iso(start + Math.floor(next() * (span + 1)) * DAY);
      const name = organisation
        ? `${LAST[person % LAST.length]} ${["Foundation", "Alliance", "Institute", "Collective"][person % 4]} ${Math.floor(person / LAST.length) + 1}`
        : `${FIRST[person % FIRST.length]} ${LAST[Math.floor(person / FIRST.length) % LAST.length]}${person >= FIRST.length * LAST.length ? " Jr." : ""}`;
      entries.push({ name, type: organisation ? "organization" : "individual", ...(country ? { country } : {}), signed });
    }
    if (n === 1) entries.push({ name: DELIVERY.withdrawn.name, type: "individual", country: "BE", signed: DELIVERY.withdrawn.signed });
    // By day, so the list reads as it grew.
    entries.sort((a, b) => (String(a.signed) < String(b.signed) ? -1 : String(a.signed) > String(b.signed) ? 1 : 0));
    await writeFile(join(dir, "signatories", `batch-${n}.yaml`), stringify(entries));
  };

  for (const version of [1, 2, 3]) {
    await writeFile(join(dir, "letter.md"), letterText(version));
    await writeFile(join(dir, "letter.fr.md"), frenchText(version));
    await batch(version);
    await release(root, ["--date", DELIVERY.releases[version - 1]!, "--notes", version === 1 ? "First publication." : `Version ${version}.`]);
    if (version === 2) {
      // Withdrawn after the first delivery, before the second: counted by the first pack, named by neither.
      const result = await runScript("withdraw.ts", ["--root", root, "--letter", "appeal", "--name", DELIVERY.withdrawn.name, "--date", DELIVERY.withdrawn.withdrawn]);
      if (result.code !== 0) throw new Error(`withdraw failed:\n${result.stdout}\n${result.stderr}`);
    }
  }
  await batch(4);
  const update = (id: string, kind: string, title: string, body: string) =>
    writeFile(join(dir, "updates", `${id}.md`), `---\ntitle: ${title}\ndate: ${id.slice(0, 10)}\nkind: ${kind}\n---\n\n${body}\n`);
  await update("2024-03-01-delivered", "delivered", "Handed to the ministry", "We handed the letter and its signatures to the ministry.");
  await writeFile(join(dir, "updates", "2024-03-01-delivered.fr.md"), "---\ntitle: Remise au ministère\n---\n\nNous avons remis la lettre et ses signatures au ministère.\n");
  await update("2024-05-15-response", "response", "The ministry answered", "The ministry wrote back.");
  await update("2024-06-10-delivered", "delivered", "Handed to Parliament", "We handed the letter again, to Parliament.");
  await writeFile(join(dir, "updates", "2024-06-10-delivered.fr.md"), "---\ntitle: Remise au Parlement\n---\n\nNous avons remis la lettre au Parlement.\n");
  // The packs' edition 1, as a coalition records them once the delivery is made.
  await release(root, ["--edition", "--date", "2024-06-20"]);
}

if (process.argv[1]?.endsWith("delivery-fixture.ts")) await writeDeliveryFixture();
