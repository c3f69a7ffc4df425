import { NotFoundException, Param, type PipeTransform } from '@nestjs/common';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

class IdOrNotFound implements PipeTransform<string, string> {
  constructor(private readonly what: string) {}

  transform(value: string): string {
    // A malformed id names nothing that exists: the same 404 as an unknown one.
    if (!UUID.test(value)) throw new NotFoundException(`${this.what} not found`);
    return value;
  }
}

export const isUuid = (value: string) => UUID.test(value);

/** A route's resource id; anything that is not a UUID answers 404 "<what> not found". */
export const IdParam = (name: string, what: string) => Param(name, new IdOrNotFound(what));

class VersionOrNotFound implements PipeTransform<string, number> {
  transform(value: string): number {
    // Versions count from 1; anything else names no version, like an unknown number.
    if (!/^[1-9]\d{0,8}$/.test(value)) throw new NotFoundException('Flow version not found');
    return Number(value);
  }
}

/** A published version number in the path; anything but a positive integer answers 404. */
export const VersionParam = (name: string) => Param(name, new VersionOrNotFound());
