import { distanceKm, formatKmDe, formatKmEn } from './geo';
import { kmNorthOf, REQUEST_LOCATION } from './test-fixtures';

const BERLIN = { lat: 52.52, lon: 13.405 };
const HAMBURG = { lat: 53.5511, lon: 9.9937 };

describe('distanceKm', () => {
  it('should be 0 between a point and itself', () => {
    expect(distanceKm(BERLIN, BERLIN)).toBe(0);
  });

  it('should give about 255 km between Berlin and Hamburg', () => {
    expect(distanceKm(BERLIN, HAMBURG)).toBeCloseTo(255.25, 1);
  });

  it('should be symmetric', () => {
    expect(distanceKm(BERLIN, HAMBURG)).toBe(distanceKm(HAMBURG, BERLIN));
  });

  it('should give 111.195 km per degree of latitude with the mean Earth radius', () => {
    expect(distanceKm({ lat: 0, lon: 0 }, { lat: 1, lon: 0 })).toBeCloseTo((6371.0088 * Math.PI) / 180, 6);
  });

  it('should measure points placed n km north as n km', () => {
    expect(distanceKm(REQUEST_LOCATION, kmNorthOf(REQUEST_LOCATION, 2.5))).toBeCloseTo(2.5, 9);
  });

  it('should stay finite for antipodal points', () => {
    expect(distanceKm({ lat: 0, lon: 0 }, { lat: 0, lon: 180 })).toBeCloseTo(6371.0088 * Math.PI, 6);
  });
});

describe('formatKmDe / formatKmEn', () => {
  it.each([
    [1.23, '1,2', '1.2'],
    [0, '0,0', '0.0'],
    [12.06, '12,1', '12.1'],
  ])('should show %p km with one decimal', (km, de, en) => {
    expect(formatKmDe(km)).toBe(de);
    expect(formatKmEn(km)).toBe(en);
  });
});
