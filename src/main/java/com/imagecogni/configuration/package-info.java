/** Versioned configurations: reading operations JSON with field paths, plan checks, templates; at save it applies delivery's postback-URL rules. */
package com.imagecogni.configuration;
