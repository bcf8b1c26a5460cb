"""add email and indexes

Revision ID: 8a21f0c9d3e5
Revises: c3f1a9e2b7d4
Create Date: 2026-03-09 16:02:11.118734

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision: str = "8a21f0c9d3e5"
down_revision: Union[str, Sequence[str], None] = "c3f1a9e2b7d4"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    """Upgrade schema."""
    op.add_column("users", sa.Column("email", sa.String(length=255), nullable=True))
    op.create_index("ix_orders_user_id", "orders", ["user_id"])
    with op.get_context().autocommit_block():
        op.create_index(
            "ix_users_email",
            "users",
            ["email"],
            unique=True,
            postgresql_concurrently=True,
        )


def downgrade() -> None:
    """Downgrade schema."""
    with op.get_context().autocommit_block():
        op.drop_index("ix_users_email", table_name="users", postgresql_concurrently=True)
    op.drop_index("ix_orders_user_id", table_name="orders")
    op.drop_column("users", "email")
