/** What every package shares: problem+json errors, configuration mapping, client address and IP parsing, hashing, blocking offload, LISTEN/NOTIFY, the claim loop, request limits. */
package com.imagecogni.common;
