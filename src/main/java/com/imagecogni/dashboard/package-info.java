/** The route that serves the dashboard page for /verify links; the page itself is under META-INF/resources. */
package com.imagecogni.dashboard;
