// The shape of the data files the site publishes for anyone to read (not content a person writes):
// /<slug>/versions.json. The writer is typed from this schema and `npm run schemas` publishes it as JSON
// Schema (schemas/versions.schema.json), so the file and its description cannot drift apart.
import { z } from "zod";

const sha256 = z.string().regex(/^[0-9a-f]{64}$/).meta({ description: "SHA-256, lowercase hex" });
const sitePath = z.string().meta({ description: "Address on the site, from its root (without the site's path prefix)" });

const publishedFile = z.object({
  kind: z.enum(["pdf", "text", "pack"]).meta({ description: "pack: a delivery pack, the PDF handed over with a delivered update, which prints this version" }),
  update: z.string().optional().meta({ description: "A delivery pack's update, <YYYY-MM-DD>-<name> (its day first)" }),
  version: z.number().int(),
  lang: z.string(),
  edition: z.number().int().nullable().meta({ description: "The PDF's edition; null for texts and for PDFs of versions released before editions" }),
  sha256,
  url: sitePath.nullable().meta({ description: "Where the file is served; null for an earlier edition, whose hash still verifies a copy" }),
});

const frozenText = z.object({
  file: z.string().meta({ description: "letter.md (the original) or letter.<lang>.md" }),
  lang: z.string(),
  sha256,
  textHash: sha256.meta({ description: "SHA-256 of the text after Unicode NFC, CRLF/CR as LF, every run of white space as one space, trimmed (src/common/normalised-text.ts)" }),
  url: sitePath.optional(),
});

export const versionsFileSchema = z
  .object({
    letter: z.string(),
    current: sitePath,
    versions: z.array(
      z.object({
        version: z.number().int(),
        date: z.string(),
        notes: z.string().nullable(),
        url: sitePath,
        text: z.object({ url: sitePath, sha256, textHash: frozenText.shape.textHash }),
        translationRevisions: z.array(z.object({ revision: z.number().int(), date: z.string(), notes: z.string().nullable(), sha256: z.record(z.string(), sha256) })),
        pdf: z.object({ url: sitePath, sha256, bytes: z.number().int(), edition: z.number().int().nullable() }).nullable(),
        editions: z.array(z.object({ edition: z.number().int(), date: z.string(), reason: z.string().nullable(), pdf: z.record(z.string(), z.object({ sha256 })) })),
        signatoriesAtRelease: z.number().int(),
        texts: z.array(frozenText).meta({ description: "Every frozen text of the version, the original first" }),
        files: z.array(publishedFile).meta({ description: "Every file hash a copy of the version is checked against: each edition's PDF per language, each edition of its delivery packs, and each frozen text" }),
      }),
    ),
  })
  .meta({ title: "versions.json", description: "/<slug>/versions.json: every released version of a letter with the hashes anyone can check a received copy against" });

export type VersionsFile = z.infer<typeof versionsFileSchema>;
