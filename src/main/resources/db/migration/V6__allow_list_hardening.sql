-- Issue #12: the first allow-listed address now comes from whoever completes the verification.
-- Entries that sign-up recorded for accounts still pending were chosen by whoever signed up
-- first, not necessarily the email's owner, so they go; verification adds the verifier's address.
delete from allowed_ip i using account a where a.id = i.account_id and a.status = 'pending';

-- Allow-list entries now have a minimum prefix (defaults /16 and /48). Wider entries accepted
-- before (0.0.0.0/0, ::/0, ...) are deactivated: they stay listed, and cannot be re-activated.
update allowed_ip set active = false
 where active
   and (   (family(address::inet) = 4 and masklen(address::inet) < 16)
        or (family(address::inet) = 6 and (masklen(address::inet) < 48 or address::inet >>= inet '::ffff:0:0/96')));
