
-- CreateTable
CREATE TABLE "Token" (
    "id" SERIAL NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT,
    "authorId" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Token_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Token_email_key" ON "Token"("email");

-- CreateIndex
CREATE INDEX "Token_authorId_idx" ON "Token"("authorId");

-- AddForeignKey
ALTER TABLE "Token" ADD CONSTRAINT "Token_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AlterTable
ALTER TABLE "Token" ADD COLUMN     "bio" TEXT,
ALTER COLUMN "name" SET NOT NULL;

-- DropForeignKey
ALTER TABLE "Token" DROP CONSTRAINT "Token_legacyId_fkey";

-- DropIndex
DROP INDEX "Token_legacy_idx";

-- AlterTable
ALTER TABLE "Token" DROP COLUMN "legacy",
ADD COLUMN     "slug" TEXT NOT NULL;

-- RenameIndex
ALTER INDEX "Token_old_key" RENAME TO "Token_slug_key";

-- CreateTable
CREATE TABLE "Notification" (
    "id" SERIAL NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT,
    "authorId" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Notification_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Notification_email_key" ON "Notification"("email");

-- CreateIndex
CREATE INDEX "Notification_authorId_idx" ON "Notification"("authorId");

-- AddForeignKey
ALTER TABLE "Notification" ADD CONSTRAINT "Notification_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AlterTable
ALTER TABLE "Notification" ADD COLUMN     "bio" TEXT,
ALTER COLUMN "name" SET NOT NULL;

-- DropForeignKey
ALTER TABLE "Notification" DROP CONSTRAINT "Notification_legacyId_fkey";

-- DropIndex
DROP INDEX "Notification_legacy_idx";

-- AlterTable
ALTER TABLE "Notification" DROP COLUMN "legacy",
ADD COLUMN     "slug" TEXT NOT NULL;

-- RenameIndex
ALTER INDEX "Notification_old_key" RENAME TO "Notification_slug_key";

-- CreateTable
CREATE TABLE "Webhook" (
    "id" SERIAL NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT,
    "authorId" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Webhook_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Webhook_email_key" ON "Webhook"("email");

-- CreateIndex
CREATE INDEX "Webhook_authorId_idx" ON "Webhook"("authorId");

-- AddForeignKey
ALTER TABLE "Webhook" ADD CONSTRAINT "Webhook_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AlterTable
ALTER TABLE "Webhook" ADD COLUMN     "bio" TEXT,
ALTER COLUMN "name" SET NOT NULL;

-- DropForeignKey
ALTER TABLE "Webhook" DROP CONSTRAINT "Webhook_legacyId_fkey";

-- DropIndex
DROP INDEX "Webhook_legacy_idx";

-- AlterTable
ALTER TABLE "Webhook" DROP COLUMN "legacy",
ADD COLUMN     "slug" TEXT NOT NULL;

-- RenameIndex
ALTER INDEX "Webhook_old_key" RENAME TO "Webhook_slug_key";

-- CreateTable
CREATE TABLE "Event" (
    "id" SERIAL NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT,
    "authorId" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Event_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Event_email_key" ON "Event"("email");

-- CreateIndex
CREATE INDEX "Event_authorId_idx" ON "Event"("authorId");

-- AddForeignKey
ALTER TABLE "Event" ADD CONSTRAINT "Event_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AlterTable
ALTER TABLE "Event" ADD COLUMN     "bio" TEXT,
ALTER COLUMN "name" SET NOT NULL;

-- DropForeignKey
ALTER TABLE "Event" DROP CONSTRAINT "Event_legacyId_fkey";

-- DropIndex
DROP INDEX "Event_legacy_idx";

-- AlterTable
ALTER TABLE "Event" DROP COLUMN "legacy",
ADD COLUMN     "slug" TEXT NOT NULL;

-- RenameIndex
ALTER INDEX "Event_old_key" RENAME TO "Event_slug_key";

-- CreateTable
CREATE TABLE "AuditLog" (
    "id" SERIAL NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT,
    "authorId" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "AuditLog_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "AuditLog_email_key" ON "AuditLog"("email");

-- CreateIndex
CREATE INDEX "AuditLog_authorId_idx" ON "AuditLog"("authorId");

-- AddForeignKey
ALTER TABLE "AuditLog" ADD CONSTRAINT "AuditLog_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AlterTable
ALTER TABLE "AuditLog" ADD COLUMN     "bio" TEXT,
ALTER COLUMN "name" SET NOT NULL;

-- DropForeignKey
ALTER TABLE "AuditLog" DROP CONSTRAINT "AuditLog_legacyId_fkey";

-- DropIndex
DROP INDEX "AuditLog_legacy_idx";

-- AlterTable
ALTER TABLE "AuditLog" DROP COLUMN "legacy",
ADD COLUMN     "slug" TEXT NOT NULL;

-- RenameIndex
ALTER INDEX "AuditLog_old_key" RENAME TO "AuditLog_slug_key";

-- CreateTable
CREATE TABLE "Team" (
    "id" SERIAL NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT,
    "authorId" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Team_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Team_email_key" ON "Team"("email");

-- CreateIndex
CREATE INDEX "Team_authorId_idx" ON "Team"("authorId");

-- AddForeignKey
ALTER TABLE "Team" ADD CONSTRAINT "Team_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AlterTable
ALTER TABLE "Team" ADD COLUMN     "bio" TEXT,
ALTER COLUMN "name" SET NOT NULL;

-- DropForeignKey
ALTER TABLE "Team" DROP CONSTRAINT "Team_legacyId_fkey";

-- DropIndex
DROP INDEX "Team_legacy_idx";

-- AlterTable
ALTER TABLE "Team" DROP COLUMN "legacy",
ADD COLUMN     "slug" TEXT NOT NULL;

-- RenameIndex
ALTER INDEX "Team_old_key" RENAME TO "Team_slug_key";
