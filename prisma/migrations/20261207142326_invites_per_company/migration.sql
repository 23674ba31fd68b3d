/*
  Warnings:

  - A unique constraint covering the columns `[tenant_id,email]` on the table `users` will be added. If there are existing duplicate values, this will fail.

*/
-- DropIndex
DROP INDEX "users_email_key";

-- CreateIndex
CREATE INDEX "users_email_idx" ON "users"("email");

-- CreateIndex
CREATE UNIQUE INDEX "users_tenant_id_email_key" ON "users"("tenant_id", "email");

-- An address is unique in a company, and among accepted accounts (active or disabled) unique
-- everywhere, because sign-in is by email alone. Invitations may share an address across
-- companies: inviting one answers the same whether it has an account elsewhere or not, and
-- accepting such an invitation is refused here. The lock makes two acceptances of the same
-- address in two companies wait for each other.
-- Function bodies and comments spell no semicolon (the migration tool splits at every one).
CREATE FUNCTION pult_users_one_account_per_email() RETURNS TRIGGER
  LANGUAGE plpgsql
  AS E'
  BEGIN
    PERFORM pg_advisory_xact_lock(hashtextextended(''user-email:'' || NEW.email, 0))\x3b
    IF EXISTS (SELECT 1 FROM users u
        WHERE u.email = NEW.email AND u.id <> NEW.id AND u.status <> ''INVITED'') THEN
      RAISE EXCEPTION ''users_email_key: % already has an account'', NEW.email
        USING ERRCODE = ''unique_violation''\x3b
    END IF\x3b
    RETURN NEW\x3b
  END';

CREATE TRIGGER users_one_account_per_email BEFORE INSERT OR UPDATE OF email, status ON users
  FOR EACH ROW WHEN (NEW.status <> 'INVITED')
  EXECUTE FUNCTION pult_users_one_account_per_email();
