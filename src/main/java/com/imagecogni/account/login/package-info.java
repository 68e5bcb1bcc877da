/** Sign-in: password check, the attempt throttle shared by replicas in PostgreSQL, and JWT issuing. */
package com.imagecogni.account.login;
