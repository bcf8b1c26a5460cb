# ruff: noqa: RUF012  (Django migration classes declare lists as class attributes)
from django.db import migrations, models
from django.db.models import Q
from django.db.models.functions import Lower


class Migration(migrations.Migration):
    dependencies = [("shop", "0001_initial")]
    operations = [
        migrations.AddField(
            model_name="product", name="rank", field=models.PositiveIntegerField(default=0)
        ),
        migrations.AddField(
            model_name="product",
            name="sku",
            field=models.CharField(max_length=40, null=True, unique=True),
        ),
        migrations.AlterField(
            model_name="product",
            name="title",
            field=models.CharField(max_length=300, db_index=True),
        ),
        migrations.AlterField(
            model_name="product", name="stock", field=models.BigIntegerField(default=0)
        ),
        migrations.RenameField(model_name="product", old_name="created", new_name="created_at"),
        migrations.AddIndex(
            model_name="product",
            index=models.Index(fields=["category", "-created_at"], name="product_cat_created_idx"),
        ),
        migrations.AddIndex(
            model_name="product", index=models.Index(Lower("title"), name="product_title_lower_idx")
        ),
        migrations.AddConstraint(
            model_name="product",
            constraint=models.CheckConstraint(condition=Q(price__gte=0), name="price_non_negative"),
        ),
        migrations.AddConstraint(
            model_name="product",
            constraint=models.UniqueConstraint(
                fields=["category", "sku"], name="uniq_cat_sku", nulls_distinct=False
            ),
        ),
        migrations.AddConstraint(
            model_name="tag",
            constraint=models.UniqueConstraint(Lower("label"), name="uniq_tag_label_ci"),
        ),
        migrations.AlterField(
            model_name="category", name="slug", field=models.SlugField(max_length=120, unique=True)
        ),
        migrations.RemoveField(model_name="product", name="data"),
        migrations.AlterModelTable(name="tag", table="shop_label"),
        migrations.RenameModel(old_name="Category", new_name="Section"),
        migrations.AlterField(
            model_name="product",
            name="owner",
            field=models.ForeignKey(
                null=False, default=1, on_delete=models.CASCADE, to="auth.user"
            ),
        ),
        migrations.RemoveIndex(model_name="product", name="product_title_lower_idx"),
        migrations.RemoveConstraint(model_name="product", name="price_non_negative"),
        migrations.AlterUniqueTogether(name="product", unique_together={("title", "owner")}),
        migrations.DeleteModel(name="Tag"),
    ]
