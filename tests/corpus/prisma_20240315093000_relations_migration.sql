
-- CreateTable
CREATE TABLE "OrderItem" (
    "id" SERIAL NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT,
    "authorId" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "OrderItem_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "OrderItem_email_key" ON "OrderItem"("email");

-- CreateIndex
CREATE INDEX "OrderItem_authorId_idx" ON "OrderItem"("authorId");

-- AddForeignKey
ALTER TABLE "OrderItem" ADD CONSTRAINT "OrderItem_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AlterTable
ALTER TABLE "OrderItem" ADD COLUMN     "bio" TEXT,
ALTER COLUMN "name" SET NOT NULL;

-- DropForeignKey
ALTER TABLE "OrderItem" DROP CONSTRAINT "OrderItem_legacyId_fkey";

-- DropIndex
DROP INDEX "OrderItem_legacy_idx";

-- CreateTable
CREATE TABLE "Customer" (
    "id" SERIAL NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT,
    "authorId" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Customer_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Customer_email_key" ON "Customer"("email");

-- CreateIndex
CREATE INDEX "Customer_authorId_idx" ON "Customer"("authorId");

-- AddForeignKey
ALTER TABLE "Customer" ADD CONSTRAINT "Customer_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AlterTable
ALTER TABLE "Customer" ADD COLUMN     "bio" TEXT,
ALTER COLUMN "name" SET NOT NULL;

-- DropForeignKey
ALTER TABLE "Customer" DROP CONSTRAINT "Customer_legacyId_fkey";

-- DropIndex
DROP INDEX "Customer_legacy_idx";

-- CreateTable
CREATE TABLE "Address" (
    "id" SERIAL NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT,
    "authorId" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Address_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Address_email_key" ON "Address"("email");

-- CreateIndex
CREATE INDEX "Address_authorId_idx" ON "Address"("authorId");

-- AddForeignKey
ALTER TABLE "Address" ADD CONSTRAINT "Address_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AlterTable
ALTER TABLE "Address" ADD COLUMN     "bio" TEXT,
ALTER COLUMN "name" SET NOT NULL;

-- DropForeignKey
ALTER TABLE "Address" DROP CONSTRAINT "Address_legacyId_fkey";

-- DropIndex
DROP INDEX "Address_legacy_idx";

-- CreateTable
CREATE TABLE "Shipment" (
    "id" SERIAL NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT,
    "authorId" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Shipment_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Shipment_email_key" ON "Shipment"("email");

-- CreateIndex
CREATE INDEX "Shipment_authorId_idx" ON "Shipment"("authorId");

-- AddForeignKey
ALTER TABLE "Shipment" ADD CONSTRAINT "Shipment_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AlterTable
ALTER TABLE "Shipment" ADD COLUMN     "bio" TEXT,
ALTER COLUMN "name" SET NOT NULL;

-- DropForeignKey
ALTER TABLE "Shipment" DROP CONSTRAINT "Shipment_legacyId_fkey";

-- DropIndex
DROP INDEX "Shipment_legacy_idx";

-- CreateTable
CREATE TABLE "Warehouse" (
    "id" SERIAL NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT,
    "authorId" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Warehouse_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Warehouse_email_key" ON "Warehouse"("email");

-- CreateIndex
CREATE INDEX "Warehouse_authorId_idx" ON "Warehouse"("authorId");

-- AddForeignKey
ALTER TABLE "Warehouse" ADD CONSTRAINT "Warehouse_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AlterTable
ALTER TABLE "Warehouse" ADD COLUMN     "bio" TEXT,
ALTER COLUMN "name" SET NOT NULL;

-- DropForeignKey
ALTER TABLE "Warehouse" DROP CONSTRAINT "Warehouse_legacyId_fkey";

-- DropIndex
DROP INDEX "Warehouse_legacy_idx";

-- CreateTable
CREATE TABLE "Inventory" (
    "id" SERIAL NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT,
    "authorId" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Inventory_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Inventory_email_key" ON "Inventory"("email");

-- CreateIndex
CREATE INDEX "Inventory_authorId_idx" ON "Inventory"("authorId");

-- AddForeignKey
ALTER TABLE "Inventory" ADD CONSTRAINT "Inventory_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AlterTable
ALTER TABLE "Inventory" ADD COLUMN     "bio" TEXT,
ALTER COLUMN "name" SET NOT NULL;

-- DropForeignKey
ALTER TABLE "Inventory" DROP CONSTRAINT "Inventory_legacyId_fkey";

-- DropIndex
DROP INDEX "Inventory_legacy_idx";
