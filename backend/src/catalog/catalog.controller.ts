import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { credentialCatalog, nodeCatalog, type CatalogResponse } from '@hookflow/shared';

/** The node and credential type descriptions the editor renders, for API users and other clients. */
@ApiTags('catalog')
@Controller('api/catalog')
export class CatalogController {
  // The catalog is code, identical for every user and team: nothing to look up.
  private readonly catalog: CatalogResponse = {
    nodes: nodeCatalog,
    credentials: credentialCatalog,
  };

  @ApiBearerAuth()
  @Get()
  get(): CatalogResponse {
    return this.catalog;
  }
}
