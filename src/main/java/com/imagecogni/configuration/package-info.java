/** Versioned configurations: reading operations JSON with field paths, plan checks, templates, the postback URL rules at save. */
package com.imagecogni.configuration;
