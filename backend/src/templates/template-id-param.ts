import { NotFoundException, Param, type PipeTransform } from '@nestjs/common';
import { getBuiltInTemplate } from '@hookflow/shared';
import { isUuid } from '../common/id-param.js';

class TemplateIdOrNotFound implements PipeTransform<string, string> {
  transform(value: string): string {
    // Like IdParam, plus the `builtin-…` ids of the templates shipped in shared/.
    if (!isUuid(value) && !getBuiltInTemplate(value))
      throw new NotFoundException('Template not found');
    return value;
  }
}

/** A template id in the path: a team template's UUID or a built-in id; anything else is 404. */
export const TemplateIdParam = (name: string) => Param(name, new TemplateIdOrNotFound());
