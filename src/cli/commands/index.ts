// Every command's definition, in the order `apitape --help` lists them.
import type { DefineCommand } from './define.js';
import { defineRecord } from './record.js';

export const commandDefinitions: DefineCommand[] = [defineRecord];
