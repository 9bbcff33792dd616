import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { UnknownPostalCodeError } from '../shared/domain-error';
import { PostalCode } from './postal-code.entity';

/** Where a postal code is; volunteers see the district, never an address. */
export interface PostalCodeLocation {
  postalCode: string;
  latitude: number;
  longitude: number;
  district: string | null;
  place: string;
}

/** The columns a located record (volunteer, provider, help request) keeps of its postal code. */
export function locationColumns(
  location: PostalCodeLocation,
): Pick<PostalCodeLocation, 'postalCode' | 'latitude' | 'longitude' | 'district'> {
  const { postalCode, latitude, longitude, district } = location;
  return { postalCode, latitude, longitude, district };
}

const POSTAL_CODE = /^\d{5}$/;

/** Points change only with an import (a CLI run); every public request looks one up. */
const CACHE_MS = 10 * 60_000;

@Injectable()
export class PostalCodesService {
  private readonly cache = new Map<string, { location: PostalCodeLocation; until: number }>();

  constructor(@InjectRepository(PostalCode) private readonly postalCodes: Repository<PostalCode>) {}

  /**
   * The point for a German postal code from the imported `postal_code` table. Throws
   * UnknownPostalCodeError (naming `field`) when the code is malformed or was never imported.
   */
  async locate(postalCode: string, field = 'postalCode'): Promise<PostalCodeLocation> {
    const code = postalCode.trim();
    // A malformed code cannot be in the table; answering without a query also keeps junk out of SQL logs.
    if (!POSTAL_CODE.test(code)) {
      throw new UnknownPostalCodeError(postalCode, field);
    }
    const cached = this.cache.get(code);
    if (cached && cached.until > Date.now()) {
      return cached.location;
    }
    const found = await this.postalCodes.findOneBy({ code });
    if (!found) {
      throw new UnknownPostalCodeError(code, field);
    }
    const location = {
      postalCode: found.code,
      latitude: found.latitude,
      longitude: found.longitude,
      district: found.district,
      place: found.place,
    };
    // There are about 11,000 codes in Germany, so the cache stays small; only known codes enter it.
    this.cache.set(code, { location, until: Date.now() + CACHE_MS });
    return location;
  }
}
