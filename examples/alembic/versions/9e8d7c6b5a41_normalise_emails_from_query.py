"""normalise emails from query

Revision ID: 9e8d7c6b5a41
Revises: 5b4a3c2d1e0f
Create Date: 2026-04-08 10:03:44.650127

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision: str = "9e8d7c6b5a41"
down_revision: Union[str, Sequence[str], None] = "5b4a3c2d1e0f"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    """Upgrade schema."""
    connection = op.get_bind()
    rows = connection.execute(
        sa.text("SELECT id, email FROM users WHERE email <> lower(email)")
    ).fetchall()
    for user_id, email in rows:
        connection.execute(
            sa.text("UPDATE users SET email = :email WHERE id = :id"),
            {"email": email.lower(), "id": user_id},
        )


def downgrade() -> None:
    """Downgrade schema."""
    pass
