-- One database per service, owned by the application user (POSTGRES_USER), as in the local stack.
CREATE DATABASE planning;
CREATE DATABASE changefeed;
CREATE DATABASE sync;
