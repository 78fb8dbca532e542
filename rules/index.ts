// Every rule, sorted by id. Adding a rule: create rules/<id>.ts and rules/<id>.md, then list it here.
import type { Rule } from '../server/src/engine/rule';
import cgoFree from './cgo-free';
import doubleFree from './double-free';
import memLeak from './mem-leak';
import osslCleanse from './ossl-cleanse';
import osslLeak from './ossl-leak';
import unusedSuppression from './unused-suppression';
import useAfterFree from './use-after-free';
import x509StoreCtxCleanup from './x509-store-ctx-cleanup';

export const rules: readonly Rule[] = [cgoFree, doubleFree, memLeak, osslCleanse, osslLeak, unusedSuppression, useAfterFree, x509StoreCtxCleanup];
