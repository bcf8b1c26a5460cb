/*
 Navicat Premium Data Transfer

 Source Server Type    : PostgreSQL
 Source Schema         : public

 Target Server Type    : PostgreSQL
 File Encoding         : 65001
*/


-- ----------------------------
-- Sequence structure for shop_order_id_seq
-- ----------------------------
DROP SEQUENCE IF EXISTS "public"."shop_order_id_seq";
CREATE SEQUENCE "public"."shop_order_id_seq" 
INCREMENT 1
MINVALUE  1
MAXVALUE 2147483647
START 1
CACHE 1;

-- ----------------------------
-- Table structure for order
-- ----------------------------
DROP TABLE IF EXISTS "public"."order";
CREATE TABLE "public"."order" (
  "id" int4 NOT NULL DEFAULT nextval('shop_order_id_seq'::regclass),
  "order_no" varchar(64) COLLATE "pg_catalog"."default" NOT NULL,
  "remark" text COLLATE "pg_catalog"."default",
  "create_time" timestamp(6)
)
;
ALTER TABLE "public"."order" OWNER TO "postgres";
COMMENT ON COLUMN "public"."order"."order_no" IS '订单号';

-- ----------------------------
-- Indexes structure for table order
-- ----------------------------
CREATE UNIQUE INDEX "idx_order_no" ON "public"."order" USING btree (
  "order_no" COLLATE "pg_catalog"."default" "pg_catalog"."text_ops" ASC NULLS LAST
);

-- ----------------------------
-- Primary Key structure for table order
-- ----------------------------
ALTER TABLE "public"."order" ADD CONSTRAINT "order_pkey" PRIMARY KEY ("id");

-- Liquibase-style unquoted qualified reserved words (legal in PostgreSQL: any keyword after a dot)
CREATE TABLE IF NOT EXISTS public.user (id bigint NOT NULL, CONSTRAINT user_pk PRIMARY KEY (id));
ALTER TABLE public.order ADD COLUMN paid_at timestamptz;
CREATE INDEX idx_order_paid_at ON public.order (paid_at);
