#!/bin/sh
# Stand-in for Prisma's native schema engine, which cannot be downloaded here.
# `prisma generate` only needs the path to exist; migrations run through
# server/db/migrate.ts (apply) and scripts/create-migration.ts (wasm engine).
echo "The native Prisma schema engine is not available; use npm run db:migrate / db:migration:create." >&2
exit 1
