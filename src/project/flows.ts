// Reads the cassettes of a project that a `generate` or `docs` run uses, in replay order, as recorded flows.
import { ApitapeError } from '../errors.js';
import { cassettePath, listCassettes, readCassetteAll } from '../cassette/store.js';
import { isWebSocketExchange } from '../cassette/types.js';
import type { RecordedFlow } from '../collection/types.js';

/**
 * The flows of the named cassettes (duplicates dropped, order kept), or of every cassette under
 * `<cwd>/cassettes/` sorted by name. A missing, empty or corrupt cassette is an error (exit 2).
 */
export async function loadFlows(
  cwd: string,
  names: string[] | undefined,
  onWarning: (message: string) => void,
): Promise<RecordedFlow[]> {
  const chosen = names && names.length > 0 ? [...new Set(names)] : await listCassettes(cwd);
  if (chosen.length === 0) {
    throw new ApitapeError('CASSETTE_NOT_FOUND', `no cassettes in ${cwd}/cassettes`, {
      hint: 'record one with `apitape record`, or pick one with --cassette NAME',
    });
  }
  const flows: RecordedFlow[] = [];
  for (const name of chosen) {
    const file = cassettePath(cwd, name);
    const { header, exchanges } = await readCassetteAll(file, { onWarning });
    if (exchanges.length === 0) {
      throw new ApitapeError('CASSETTE_EMPTY', `cassette ${file} holds no exchanges`, {
        hint: 'record some traffic into it first, or leave it out with --cassette',
      });
    }
    const http = exchanges.filter((e) => !isWebSocketExchange(e));
    if (http.length < exchanges.length) {
      onWarning(`${name}: ${exchanges.length - http.length} WebSocket exchange(s) left out (a Postman collection cannot hold WebSockets; \`apitape export --format har\` keeps them)`);
    }
    flows.push({ name, ...(header.target ? { target: header.target } : {}), ...(header.createdAt ? { createdAt: header.createdAt } : {}), exchanges: http });
  }
  return flows;
}
