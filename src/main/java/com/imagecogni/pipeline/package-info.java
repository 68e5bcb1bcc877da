/** Pure image code (no framework, no database): decode with limits, Scrimage operations in the user's order, encode, the result ZIP, credits. */
package com.imagecogni.pipeline;
