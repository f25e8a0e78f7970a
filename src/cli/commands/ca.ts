// `apitape ca`: definition only; prints the per-install CA (created on first use) and how to trust it.
import type { DefineCommand } from './define.js';

/** Registers `apitape ca [--pem|--path]`. */
export const defineCa: DefineCommand = (program, io, setCode) => {
  program
    .command('ca')
    .description('print the CA certificate used to intercept HTTPS in forward mode, and how to trust it')
    .option('--pem', 'print the certificate (PEM) only')
    .option('--path', 'print the certificate path only')
    .addHelpText(
      'after',
      '\nThe CA is generated on first use, unique to this installation, and kept under the user config\n' +
        'directory (APITAPE_HOME overrides it): key mode 0600 in a 0700 directory, never in a project.',
    )
    .action(async (flags: { pem?: boolean; path?: boolean }) => {
      const { apitapeHome, loadOrCreateCa } = await import('../../record/ca.js');
      const generate = async (name: string) => (await import('../../record/proxy.js')).generateCaPair(name);
      const ca = await loadOrCreateCa(apitapeHome(io.env), generate);
      if (flags.pem) io.stdout.write(ca.cert.endsWith('\n') ? ca.cert : `${ca.cert}\n`);
      else if (flags.path) io.stdout.write(`${ca.files.certPath}\n`);
      else io.stdout.write((await import('../../record/ca-trust.js')).formatTrustInstructions(ca));
      setCode(0);
    });
};
