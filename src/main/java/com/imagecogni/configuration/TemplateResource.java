package com.imagecogni.configuration;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import java.util.List;

import com.imagecogni.pipeline.model.Template;
import com.imagecogni.pipeline.model.Templates;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.common.annotation.NonBlocking;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** The social-media templates a resize size may name. */
@RegisterForReflection(targets = Template.class)
@Tag(name = "Templates")
@Path("/api/v1/templates")
@Produces(MediaType.APPLICATION_JSON)
public class TemplateResource {

    @GET
    @PermitAll
    @NonBlocking
    @Operation(summary = "The resize templates (name, platform, width, height)")
    public List<Template> list() {
        return Templates.all();
    }
}
