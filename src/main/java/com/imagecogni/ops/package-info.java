/** Operating the service: health checks, Prometheus meters and the OpenAPI document's filters; it imports only the pipeline. */
package com.imagecogni.ops;
