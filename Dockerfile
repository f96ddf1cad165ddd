# MFA Coach in a container (README, "Run it in a container").
# Two stages: the first compiles the TypeScript with the dev dependencies; the second holds only what the running
# bot reads: its compiled code, the production dependencies, the card templates and the knowledge articles.

FROM node:22-bookworm-slim AS build
WORKDIR /app
# .npmrc comes with the lock file: botbuilder-dialogs runs `npx rimraf` when it installs, and without the
# project's .npmrc that install stops on npx's question.
COPY package.json package-lock.json .npmrc ./
RUN npm ci
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
RUN npm run build

FROM node:22-bookworm-slim
WORKDIR /app
# The bot listens on every interface: in a container, 127.0.0.1 would be reachable from inside it only.
ENV NODE_ENV=production HOST=0.0.0.0 PORT=3978
COPY package.json package-lock.json .npmrc ./
RUN npm ci --omit=dev && npm cache clean --force
# Read at run time from beside package.json (src/adapters/project-folder.ts).
COPY adaptiveCards ./adaptiveCards
COPY knowledge ./knowledge
COPY --from=build /app/dist/src ./dist/src
# The official image's "node" user, given by number so that an orchestrator can tell it is not root. It owns
# nothing here: the bot writes no files when its database is a PostgreSQL server.
USER 1000:1000
EXPOSE 3978
# /healthz answers as soon as the process listens; /readyz (database, jobs) is for whatever routes traffic, since
# restarting the bot does not bring a missing database back. The slim image has no curl, so node asks itself.
HEALTHCHECK --interval=30s --timeout=5s --retries=3 CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3978) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# The bot drains on SIGTERM (no new turns, running turns and jobs finish, then the database closes). node runs
# directly, not through npm, so the signal reaches it: the base image's entrypoint hands over with exec.
STOPSIGNAL SIGTERM
# V8 lets its heap grow to four times what a collection left before collecting again: a bot sending a campaign
# churns through short-lived objects, and reached 500 MB with under 100 MB alive. Half again keeps it near 270 MB
# at the same speed (docs/benchmarks.md, "Campaigns of 200,000"). The same command as npm start.
CMD ["node", "--heap-growing-percent=50", "dist/src/index.js"]
