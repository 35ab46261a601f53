-- One database per service, as in local-stack: each service owns its data and its migrations.
create database referral;
create database scheduling;
create database notification;
