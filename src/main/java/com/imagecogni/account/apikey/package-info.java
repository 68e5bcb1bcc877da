/** API keys: creation (shown once), listing, revocation. */
package com.imagecogni.account.apikey;
