// The search itself lives with the volunteers feature (the API uses it too); the console reads it from here.
export {
  CERTIFICATE_FILTERS,
  parseVolunteerFilters,
  readVolunteerFilters,
  VOLUNTEER_FILTER_KEYS,
  VOLUNTEER_PAGE_SIZE,
  volunteerFiltersQuery,
  volunteerSearchSql,
  type CertificateFilter,
  type UnknownFilterValue,
  type VolunteerFilters,
} from '../../volunteers/volunteer-search';
