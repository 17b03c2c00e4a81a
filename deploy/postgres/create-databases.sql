-- One database per agency (agencies own their data) and the shared access-control store (consent, audit log).
-- Run by the postgres image on its first start (docker-compose.yml); `npm run start:prod` creates its own.
CREATE DATABASE market_regulation;
CREATE DATABASE commerce;
CREATE DATABASE customs;
CREATE DATABASE finance;
CREATE DATABASE postal;
CREATE DATABASE access_control;
