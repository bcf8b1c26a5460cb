"""orders fk and status backfill

Revision ID: 1d9e7c3b5a80
Revises: f02b6d1e4a97
Create Date: 2026-03-24 08:30:52.774015

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision: str = "1d9e7c3b5a80"
down_revision: Union[str, Sequence[str], None] = "f02b6d1e4a97"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    """Upgrade schema."""
    op.execute("SET lock_timeout = '5s'")
    op.create_foreign_key(
        "fk_orders_user_id_users",
        "orders",
        "users",
        ["user_id"],
        ["id"],
        ondelete="CASCADE",
    )
    op.add_column("orders", sa.Column("status", sa.Text(), nullable=True))
    op.execute(
        """
        UPDATE orders SET status = 'paid' WHERE total_cents > 0;
        UPDATE orders SET status = 'open' WHERE status IS NULL;
        """
    )


def downgrade() -> None:
    """Downgrade schema."""
    op.drop_column("orders", "status")
    op.drop_constraint("fk_orders_user_id_users", "orders", type_="foreignkey")
