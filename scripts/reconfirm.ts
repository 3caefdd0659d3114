// npm run reconfirm -- --letter SLUG --name "Full Name": a signatory confirms the latest version (see scripts/lib/signature-status-cli.ts).
import { runSignatureStatusCli } from "./lib/signature-status-cli.ts";

runSignatureStatusCli("reconfirm");
