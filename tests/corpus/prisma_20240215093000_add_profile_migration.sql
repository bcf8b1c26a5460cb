
-- CreateTable
CREATE TABLE "Invoice" (
    "id" SERIAL NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT,
    "authorId" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Invoice_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Invoice_email_key" ON "Invoice"("email");

-- CreateIndex
CREATE INDEX "Invoice_authorId_idx" ON "Invoice"("authorId");

-- AddForeignKey
ALTER TABLE "Invoice" ADD CONSTRAINT "Invoice_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AlterTable
ALTER TABLE "Invoice" ADD COLUMN     "bio" TEXT,
ALTER COLUMN "name" SET NOT NULL;

-- DropForeignKey
ALTER TABLE "Invoice" DROP CONSTRAINT "Invoice_legacyId_fkey";

-- DropIndex
DROP INDEX "Invoice_legacy_idx";

-- CreateTable
CREATE TABLE "Payment" (
    "id" SERIAL NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT,
    "authorId" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Payment_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Payment_email_key" ON "Payment"("email");

-- CreateIndex
CREATE INDEX "Payment_authorId_idx" ON "Payment"("authorId");

-- AddForeignKey
ALTER TABLE "Payment" ADD CONSTRAINT "Payment_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AlterTable
ALTER TABLE "Payment" ADD COLUMN     "bio" TEXT,
ALTER COLUMN "name" SET NOT NULL;

-- DropForeignKey
ALTER TABLE "Payment" DROP CONSTRAINT "Payment_legacyId_fkey";

-- DropIndex
DROP INDEX "Payment_legacy_idx";

-- CreateTable
CREATE TABLE "Subscription" (
    "id" SERIAL NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT,
    "authorId" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Subscription_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Subscription_email_key" ON "Subscription"("email");

-- CreateIndex
CREATE INDEX "Subscription_authorId_idx" ON "Subscription"("authorId");

-- AddForeignKey
ALTER TABLE "Subscription" ADD CONSTRAINT "Subscription_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AlterTable
ALTER TABLE "Subscription" ADD COLUMN     "bio" TEXT,
ALTER COLUMN "name" SET NOT NULL;

-- DropForeignKey
ALTER TABLE "Subscription" DROP CONSTRAINT "Subscription_legacyId_fkey";

-- DropIndex
DROP INDEX "Subscription_legacy_idx";

-- CreateTable
CREATE TABLE "Plan" (
    "id" SERIAL NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT,
    "authorId" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Plan_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Plan_email_key" ON "Plan"("email");

-- CreateIndex
CREATE INDEX "Plan_authorId_idx" ON "Plan"("authorId");

-- AddForeignKey
ALTER TABLE "Plan" ADD CONSTRAINT "Plan_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AlterTable
ALTER TABLE "Plan" ADD COLUMN     "bio" TEXT,
ALTER COLUMN "name" SET NOT NULL;

-- DropForeignKey
ALTER TABLE "Plan" DROP CONSTRAINT "Plan_legacyId_fkey";

-- DropIndex
DROP INDEX "Plan_legacy_idx";

-- CreateTable
CREATE TABLE "Product" (
    "id" SERIAL NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT,
    "authorId" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Product_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Product_email_key" ON "Product"("email");

-- CreateIndex
CREATE INDEX "Product_authorId_idx" ON "Product"("authorId");

-- AddForeignKey
ALTER TABLE "Product" ADD CONSTRAINT "Product_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AlterTable
ALTER TABLE "Product" ADD COLUMN     "bio" TEXT,
ALTER COLUMN "name" SET NOT NULL;

-- DropForeignKey
ALTER TABLE "Product" DROP CONSTRAINT "Product_legacyId_fkey";

-- DropIndex
DROP INDEX "Product_legacy_idx";

-- CreateTable
CREATE TABLE "Order" (
    "id" SERIAL NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT,
    "authorId" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Order_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Order_email_key" ON "Order"("email");

-- CreateIndex
CREATE INDEX "Order_authorId_idx" ON "Order"("authorId");

-- AddForeignKey
ALTER TABLE "Order" ADD CONSTRAINT "Order_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AlterTable
ALTER TABLE "Order" ADD COLUMN     "bio" TEXT,
ALTER COLUMN "name" SET NOT NULL;

-- DropForeignKey
ALTER TABLE "Order" DROP CONSTRAINT "Order_legacyId_fkey";

-- DropIndex
DROP INDEX "Order_legacy_idx";
