/** The IP allow-list an account's API keys may call from. */
package com.imagecogni.account.ip;
