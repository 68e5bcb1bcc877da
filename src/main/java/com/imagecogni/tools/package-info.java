/** Offline tools: the command behind bin/process-images. */
package com.imagecogni.tools;
