// npm run withdraw -- --letter SLUG --name "Full Name": withdraw one signature (see scripts/lib/signature-status-cli.ts).
import { runSignatureStatusCli } from "./lib/signature-status-cli.ts";

runSignatureStatusCli("withdraw");
