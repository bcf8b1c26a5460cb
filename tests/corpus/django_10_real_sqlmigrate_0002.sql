-- Django 5.2 sqlmigrate shop 0002 (real output, PostgreSQL backend)
BEGIN;
--
-- Add field rank to product
--
ALTER TABLE "shop_product" ADD COLUMN "rank" integer DEFAULT 0 NOT NULL CHECK ("rank" >= 0);
ALTER TABLE "shop_product" ALTER COLUMN "rank" DROP DEFAULT;
--
-- Add field sku to product
--
ALTER TABLE "shop_product" ADD COLUMN "sku" varchar(40) NULL UNIQUE;
--
-- Alter field title on product
--
ALTER TABLE "shop_product" ALTER COLUMN "title" TYPE varchar(300);
--
-- Alter field stock on product
--
ALTER TABLE "shop_product" ALTER COLUMN "stock" TYPE bigint USING "stock"::bigint;
--
-- Rename field created on product to created_at
--
ALTER TABLE "shop_product" RENAME COLUMN "created" TO "created_at";
--
-- Create index product_cat_created_idx on field(s) category, -created_at of model product
--
CREATE INDEX "product_cat_created_idx" ON "shop_product" ("category_id", "created_at" DESC);
--
-- Create index product_title_lower_idx on Lower(F(title)) on model product
--
CREATE INDEX "product_title_lower_idx" ON "shop_product" ((LOWER("title")));
--
-- Create constraint price_non_negative on model product
--
ALTER TABLE "shop_product" ADD CONSTRAINT "price_non_negative" CHECK ("price" >= 0);
--
-- Create constraint uniq_cat_sku on model product
--
ALTER TABLE "shop_product" ADD CONSTRAINT "uniq_cat_sku" UNIQUE NULLS NOT DISTINCT ("category_id", "sku");
--
-- Create constraint uniq_tag_label_ci on model tag
--
CREATE UNIQUE INDEX "uniq_tag_label_ci" ON "shop_tag" ((LOWER("label")));
--
-- Alter field slug on category
--
ALTER TABLE "shop_category" ADD CONSTRAINT "shop_category_slug_4508178e_uniq" UNIQUE ("slug");
CREATE INDEX "shop_category_slug_4508178e_like" ON "shop_category" ("slug" varchar_pattern_ops);
--
-- Remove field data from product
--
ALTER TABLE "shop_product" DROP COLUMN "data" CASCADE;
--
-- Rename table for tag to shop_label
--
ALTER TABLE "shop_tag" RENAME TO "shop_label";
ALTER TABLE "shop_tag_products" RENAME TO "shop_label_products";
--
-- Rename model Category to Section
--
ALTER TABLE "shop_category" RENAME TO "shop_section";
--
-- Alter field owner on product
--
ALTER TABLE "shop_product" ALTER COLUMN "owner_id" SET DEFAULT 1;
UPDATE "shop_product" SET "owner_id" = 1 WHERE "owner_id" IS NULL; SET CONSTRAINTS ALL IMMEDIATE;
ALTER TABLE "shop_product" ALTER COLUMN "owner_id" SET NOT NULL;
ALTER TABLE "shop_product" ALTER COLUMN "owner_id" DROP DEFAULT;
--
-- Remove index product_title_lower_idx from product
--
DROP INDEX IF EXISTS "product_title_lower_idx";
--
-- Remove constraint price_non_negative from model product
--
ALTER TABLE "shop_product" DROP CONSTRAINT "price_non_negative";
--
-- Alter unique_together for product (1 constraint(s))
--
ALTER TABLE "shop_product" ADD CONSTRAINT "shop_product_title_owner_id_a6a17db0_uniq" UNIQUE ("title", "owner_id");
--
-- Delete model Tag
--
DROP TABLE "shop_label_products" CASCADE;
DROP TABLE "shop_label" CASCADE;
CREATE INDEX "shop_product_sku_20049d15_like" ON "shop_product" ("sku" varchar_pattern_ops);
COMMIT;
