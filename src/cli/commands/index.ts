// Every command's definition, in the order `apitape --help` lists them: the workflow's order.
import type { DefineCommand } from './define.js';
import { defineDemo } from './demo.js';
import { defineGenerate } from './generate.js';
import { defineRecord } from './record.js';
import { defineCa } from './ca.js';
import { defineInspect } from './inspect.js';
import { defineReplay } from './replay.js';
import { defineDiff } from './diff.js';
import { defineAccept } from './accept.js';
import { defineImport } from './import.js';
import { defineExport } from './export.js';
import { defineMock } from './mock.js';
import { defineDocs } from './docs.js';

export const commandDefinitions: DefineCommand[] = [
  defineRecord,
  defineCa,
  defineImport,
  defineInspect,
  defineGenerate,
  defineReplay,
  defineDiff,
  defineAccept,
  defineExport,
  defineMock,
  defineDocs,
  defineDemo,
];
