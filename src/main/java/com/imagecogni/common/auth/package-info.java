/** Authentication: the API-key mechanism and identity provider, roles, the production JWT-key check. */
package com.imagecogni.common.auth;
