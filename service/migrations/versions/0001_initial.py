"""The initial tables, and triggers that keep the audit log append-only.

Revision ID: 0001
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('login_failures',
    sa.Column('username', sa.String(length=64), nullable=False),
    sa.Column('failures', sa.Integer(), nullable=False),
    sa.Column('last_failed_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('username')
    )
    op.create_table('receipt_counters',
    sa.Column('year', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('last', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('year')
    )
    op.create_table('users',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('username', sa.String(length=64), nullable=False),
    sa.Column('password_hash', sa.String(length=255), nullable=False),
    sa.Column('role', sa.String(length=16), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('username')
    )
    op.create_table('files',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('filename', sa.String(length=255), nullable=False),
    sa.Column('kind', sa.String(length=8), nullable=False),
    sa.Column('size', sa.Integer(), nullable=False),
    sa.Column('pages_count', sa.Integer(), nullable=True),
    sa.Column('uploaded_by', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['uploaded_by'], ['users.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('sha256')
    )
    op.create_table('letters',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('file_id', sa.Integer(), nullable=False),
    sa.Column('first_page', sa.Integer(), nullable=True),
    sa.Column('last_page', sa.Integer(), nullable=True),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('lease_owner', sa.String(length=128), nullable=True),
    sa.Column('lease_expires_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('attempts', sa.Integer(), nullable=False),
    sa.Column('error', sa.Text(), nullable=True),
    sa.Column('ngay_nhan', sa.Date(), nullable=False),
    sa.Column('ocr_confidence', sa.Float(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['file_id'], ['files.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('file_id', 'first_page')
    )
    op.create_index('ix_letters_created_at', 'letters', ['created_at'])
    op.create_index('ix_letters_file_id', 'letters', ['file_id'])
    op.create_index('ix_letters_status', 'letters', ['status'])
    op.create_table('cases',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('letter_id', sa.Integer(), nullable=False),
    sa.Column('so_tiep_nhan', sa.String(length=16), nullable=False),
    sa.Column('ngay_nhan', sa.Date(), nullable=False),
    sa.Column('ngay_xac_nhan', sa.Date(), nullable=False),
    sa.Column('tinh', sa.String(length=64), nullable=True),
    sa.Column('tom_tat', sa.Text(), nullable=False),
    sa.Column('loai_don', sa.String(length=32), nullable=False),
    sa.Column('linh_vuc', sa.String(length=32), nullable=False),
    sa.Column('tham_quyen', sa.String(length=32), nullable=False),
    sa.Column('co_quan', sa.String(length=255), nullable=True),
    sa.Column('xu_ly', sa.String(length=16), nullable=False),
    sa.Column('han_xu_ly', sa.Date(), nullable=True),
    sa.Column('tap_the', sa.Boolean(), nullable=False),
    sa.Column('status', sa.String(length=32), nullable=False),
    sa.Column('confirmed_by', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['confirmed_by'], ['users.id'], ),
    sa.ForeignKeyConstraint(['letter_id'], ['letters.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('letter_id'),
    sa.UniqueConstraint('so_tiep_nhan')
    )
    op.create_index('ix_cases_loai_don', 'cases', ['loai_don'])
    op.create_index('ix_cases_ngay_xac_nhan', 'cases', ['ngay_xac_nhan'])
    op.create_table('identities',
    sa.Column('letter_id', sa.Integer(), nullable=False),
    sa.Column('nguoi_viet', sa.String(length=255), nullable=True),
    sa.Column('dia_chi', sa.Text(), nullable=True),
    sa.Column('cccd', sa.JSON(), nullable=False),
    sa.Column('dien_thoai', sa.JSON(), nullable=False),
    sa.Column('nguoi_dai_dien', sa.JSON(), nullable=False),
    sa.ForeignKeyConstraint(['letter_id'], ['letters.id'], ),
    sa.PrimaryKeyConstraint('letter_id')
    )
    op.create_table('pages',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('letter_id', sa.Integer(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('source_page', sa.Integer(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('confidence', sa.Float(), nullable=False),
    sa.Column('needs_transcription', sa.Boolean(), nullable=False),
    sa.Column('transcribed_by', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['letter_id'], ['letters.id'], ),
    sa.ForeignKeyConstraint(['transcribed_by'], ['users.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('letter_id', 'number')
    )
    op.create_index('ix_pages_letter_id', 'pages', ['letter_id'])
    op.create_table('reviews',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('letter_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('decision', sa.JSON(), nullable=False),
    sa.Column('changes', sa.JSON(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['letter_id'], ['letters.id'], ),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index('ix_reviews_letter_id', 'reviews', ['letter_id'])
    op.create_table('suggestions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('letter_id', sa.Integer(), nullable=False),
    sa.Column('model_version', sa.String(length=64), nullable=False),
    sa.Column('loai_don', sa.String(length=32), nullable=False),
    sa.Column('tham_quyen', sa.String(length=32), nullable=False),
    sa.Column('xu_ly', sa.String(length=16), nullable=False),
    sa.Column('linh_vuc', sa.String(length=32), nullable=False),
    sa.Column('confidence', sa.Float(), nullable=False),
    sa.Column('abstain', sa.Boolean(), nullable=False),
    sa.Column('deadline', sa.Date(), nullable=True),
    sa.Column('data', sa.JSON(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['letter_id'], ['letters.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('letter_id')
    )
    op.create_index('ix_suggestions_deadline', 'suggestions', ['deadline'])
    op.create_index('ix_suggestions_loai_don', 'suggestions', ['loai_don'])
    op.create_index('ix_suggestions_tham_quyen', 'suggestions', ['tham_quyen'])
    op.create_table('audit_events',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=True),
    sa.Column('action', sa.String(length=32), nullable=False),
    sa.Column('letter_id', sa.Integer(), nullable=True),
    sa.Column('case_id', sa.Integer(), nullable=True),
    sa.Column('details', sa.JSON(), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], ),
    sa.ForeignKeyConstraint(['letter_id'], ['letters.id'], ),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index('ix_audit_events_action', 'audit_events', ['action'])
    op.create_index('ix_audit_events_at', 'audit_events', ['at'])
    op.create_index('ix_audit_events_letter_id', 'audit_events', ['letter_id'])

    _audit_append_only()


def downgrade() -> None:
    _audit_append_only_off()
    op.drop_index('ix_audit_events_letter_id', table_name='audit_events')
    op.drop_index('ix_audit_events_at', table_name='audit_events')
    op.drop_index('ix_audit_events_action', table_name='audit_events')
    op.drop_table('audit_events')
    op.drop_index('ix_suggestions_tham_quyen', table_name='suggestions')
    op.drop_index('ix_suggestions_loai_don', table_name='suggestions')
    op.drop_index('ix_suggestions_deadline', table_name='suggestions')
    op.drop_table('suggestions')
    op.drop_index('ix_reviews_letter_id', table_name='reviews')
    op.drop_table('reviews')
    op.drop_index('ix_pages_letter_id', table_name='pages')
    op.drop_table('pages')
    op.drop_table('identities')
    op.drop_index('ix_cases_ngay_xac_nhan', table_name='cases')
    op.drop_index('ix_cases_loai_don', table_name='cases')
    op.drop_table('cases')
    op.drop_index('ix_letters_status', table_name='letters')
    op.drop_index('ix_letters_file_id', table_name='letters')
    op.drop_index('ix_letters_created_at', table_name='letters')
    op.drop_table('letters')
    op.drop_table('files')
    op.drop_table('users')
    op.drop_table('receipt_counters')
    op.drop_table('login_failures')


_PG_FUNCTION = """
CREATE FUNCTION audit_events_append_only() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'audit_events is append-only';
END;
$$ LANGUAGE plpgsql
"""


def _audit_append_only() -> None:
    """The audit log is evidence (NĐ 55/2022): the database itself refuses edits and deletions."""
    if op.get_bind().dialect.name == "postgresql":
        op.execute(_PG_FUNCTION)
        op.execute("CREATE TRIGGER audit_events_no_change BEFORE UPDATE OR DELETE ON audit_events "
                   "FOR EACH ROW EXECUTE FUNCTION audit_events_append_only()")
    else:
        for verb in ("UPDATE", "DELETE"):
            op.execute(f"CREATE TRIGGER audit_events_no_{verb.lower()} BEFORE {verb} ON "
                       "audit_events BEGIN SELECT RAISE(ABORT, 'audit_events is append-only'); END")


def _audit_append_only_off() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS audit_events_no_change ON audit_events")
        op.execute("DROP FUNCTION IF EXISTS audit_events_append_only()")
    else:
        op.execute("DROP TRIGGER IF EXISTS audit_events_no_update")
        op.execute("DROP TRIGGER IF EXISTS audit_events_no_delete")
