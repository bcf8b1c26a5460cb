-- CreateEnum
CREATE TYPE "Role3" AS ENUM ('USER', 'ADMIN', 'OWNER');

-- CreateTable
CREATE TABLE "Supplier" (
    "id" SERIAL NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT,
    "authorId" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Supplier_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Supplier_email_key" ON "Supplier"("email");

-- CreateIndex
CREATE INDEX "Supplier_authorId_idx" ON "Supplier"("authorId");

-- AddForeignKey
ALTER TABLE "Supplier" ADD CONSTRAINT "Supplier_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AlterTable
ALTER TABLE "Supplier" ADD COLUMN     "bio" TEXT,
ALTER COLUMN "name" SET NOT NULL;

-- DropForeignKey
ALTER TABLE "Supplier" DROP CONSTRAINT "Supplier_legacyId_fkey";

-- DropIndex
DROP INDEX "Supplier_legacy_idx";

-- AlterEnum
ALTER TYPE "Role3" ADD VALUE 'GUEST0';

-- AlterTable
ALTER TABLE "Supplier" ADD COLUMN     "role" "Role3" NOT NULL DEFAULT 'USER';

-- CreateTable
CREATE TABLE "Category" (
    "id" SERIAL NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT,
    "authorId" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Category_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Category_email_key" ON "Category"("email");

-- CreateIndex
CREATE INDEX "Category_authorId_idx" ON "Category"("authorId");

-- AddForeignKey
ALTER TABLE "Category" ADD CONSTRAINT "Category_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AlterTable
ALTER TABLE "Category" ADD COLUMN     "bio" TEXT,
ALTER COLUMN "name" SET NOT NULL;

-- DropForeignKey
ALTER TABLE "Category" DROP CONSTRAINT "Category_legacyId_fkey";

-- DropIndex
DROP INDEX "Category_legacy_idx";

-- AlterEnum
ALTER TYPE "Role3" ADD VALUE 'GUEST1';

-- AlterTable
ALTER TABLE "Category" ADD COLUMN     "role" "Role3" NOT NULL DEFAULT 'USER';

-- CreateTable
CREATE TABLE "Tag" (
    "id" SERIAL NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT,
    "authorId" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Tag_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Tag_email_key" ON "Tag"("email");

-- CreateIndex
CREATE INDEX "Tag_authorId_idx" ON "Tag"("authorId");

-- AddForeignKey
ALTER TABLE "Tag" ADD CONSTRAINT "Tag_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AlterTable
ALTER TABLE "Tag" ADD COLUMN     "bio" TEXT,
ALTER COLUMN "name" SET NOT NULL;

-- DropForeignKey
ALTER TABLE "Tag" DROP CONSTRAINT "Tag_legacyId_fkey";

-- DropIndex
DROP INDEX "Tag_legacy_idx";

-- AlterEnum
ALTER TYPE "Role3" ADD VALUE 'GUEST2';

-- AlterTable
ALTER TABLE "Tag" ADD COLUMN     "role" "Role3" NOT NULL DEFAULT 'USER';

-- CreateTable
CREATE TABLE "Article" (
    "id" SERIAL NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT,
    "authorId" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Article_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Article_email_key" ON "Article"("email");

-- CreateIndex
CREATE INDEX "Article_authorId_idx" ON "Article"("authorId");

-- AddForeignKey
ALTER TABLE "Article" ADD CONSTRAINT "Article_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AlterTable
ALTER TABLE "Article" ADD COLUMN     "bio" TEXT,
ALTER COLUMN "name" SET NOT NULL;

-- DropForeignKey
ALTER TABLE "Article" DROP CONSTRAINT "Article_legacyId_fkey";

-- DropIndex
DROP INDEX "Article_legacy_idx";

-- AlterEnum
ALTER TYPE "Role3" ADD VALUE 'GUEST3';

-- AlterTable
ALTER TABLE "Article" ADD COLUMN     "role" "Role3" NOT NULL DEFAULT 'USER';

-- CreateTable
CREATE TABLE "Author" (
    "id" SERIAL NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT,
    "authorId" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Author_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Author_email_key" ON "Author"("email");

-- CreateIndex
CREATE INDEX "Author_authorId_idx" ON "Author"("authorId");

-- AddForeignKey
ALTER TABLE "Author" ADD CONSTRAINT "Author_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AlterTable
ALTER TABLE "Author" ADD COLUMN     "bio" TEXT,
ALTER COLUMN "name" SET NOT NULL;

-- DropForeignKey
ALTER TABLE "Author" DROP CONSTRAINT "Author_legacyId_fkey";

-- DropIndex
DROP INDEX "Author_legacy_idx";

-- AlterEnum
ALTER TYPE "Role3" ADD VALUE 'GUEST4';

-- AlterTable
ALTER TABLE "Author" ADD COLUMN     "role" "Role3" NOT NULL DEFAULT 'USER';

-- CreateTable
CREATE TABLE "Session" (
    "id" SERIAL NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT,
    "authorId" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Session_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Session_email_key" ON "Session"("email");

-- CreateIndex
CREATE INDEX "Session_authorId_idx" ON "Session"("authorId");

-- AddForeignKey
ALTER TABLE "Session" ADD CONSTRAINT "Session_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AlterTable
ALTER TABLE "Session" ADD COLUMN     "bio" TEXT,
ALTER COLUMN "name" SET NOT NULL;

-- DropForeignKey
ALTER TABLE "Session" DROP CONSTRAINT "Session_legacyId_fkey";

-- DropIndex
DROP INDEX "Session_legacy_idx";

-- AlterEnum
ALTER TYPE "Role3" ADD VALUE 'GUEST5';

-- AlterTable
ALTER TABLE "Session" ADD COLUMN     "role" "Role3" NOT NULL DEFAULT 'USER';
