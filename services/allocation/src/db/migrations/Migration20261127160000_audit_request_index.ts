import { Migration } from '@mikro-orm/migrations';

/**
 * A replayed retry is audited against what its original attempt touched, found by the caller's
 * key and request id: without an index that lookup reads the whole audit trail, which only grows.
 */
export class Migration20261127160000_audit_request_index extends Migration {
  override up(): void {
    this.addSql(
      `create index audit_entry_request_idx on audit_entry (key_name, request_id) where request_id <> ''`,
    );
  }

  override down(): void {
    this.addSql('drop index audit_entry_request_idx');
  }
}
