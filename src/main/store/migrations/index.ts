import { draftsMigration } from './001-drafts';
import { auditLogMigration } from './002-audit-log';
import { orderIdsMigration } from './003-order-ids';
import { settingsMigration } from './004-settings';
import { conversationsMigration } from './005-conversations';
import { draftsByRecencyMigration } from './006-drafts-by-recency';
import { auditSealMigration } from './007-audit-seal';
import { decisionJournalMigration } from './008-decision-journal';
import type { Migration } from './migration';

export type { Migration } from './migration';

/** In id order, 1..N. Append new migrations at the end; never edit old ones. */
export const migrations: readonly Migration[] = [draftsMigration, auditLogMigration, orderIdsMigration, settingsMigration, conversationsMigration, draftsByRecencyMigration, auditSealMigration, decisionJournalMigration];
