-- Single sign-on: the provider's stable identifier of the person who signed in to an account, pinned at the first
-- sign-on (OpenID Connect Core §5.7: only "iss" and "sub" together are stable; a name claim such as
-- preferred_username may be changed or reassigned at the provider). Later sign-ons must carry the same "sub" from the
-- same issuer; an administrator releases the pin by writing the account's oidc_subject again.
ALTER TABLE app_user ADD COLUMN oidc_issuer varchar(500);
ALTER TABLE app_user ADD COLUMN oidc_sub varchar(300);
ALTER TABLE app_user ADD CONSTRAINT app_user_oidc_sub_key UNIQUE (oidc_issuer, oidc_sub);
