/** Accounts: sign-up (the account with its webhook secret) and email verification, plans and credits, My Plan, admin plan changes, housekeeping of unverified accounts. */
package com.imagecogni.account;
